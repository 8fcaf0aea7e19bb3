import type { QueuedDelivery } from './endpointWorkerTypes';

const RECENTLY_FINISHED_KEPT = 1_000;

/** Where a new delivery went: ready to run, behind its resource's head, or the head of a new lane (to be checked). */
export type Placement = 'ready' | 'waiting' | 'head';

/**
 * The deliveries one endpoint holds, each in a lane: its own, or with `per_resource` ordering its resource's,
 * where only the head may run and the rest wait until it has succeeded or failed for good. Also remembers the
 * deliveries recently finished here, which the read model may not show finished yet.
 */
export class DeliveryLanes {
  /** Every delivery held here, waiting, scheduled or running: none is taken twice. */
  private readonly held = new Set<string>();
  private readonly lanes = new Map<string, QueuedDelivery[]>();
  /** Lane heads that may run now, oldest first. */
  private readonly ready: QueuedDelivery[] = [];
  private readonly recentlyFinished = new Map<string, string | null>();

  constructor(private readonly maxHeld: number) {}

  get count(): number {
    return this.held.size;
  }

  holds(deliveryId: string): boolean {
    return this.held.has(deliveryId);
  }

  /** Takes a delivery unless it is held already or the lanes are full. */
  take(deliveryId: string): boolean {
    if (this.held.has(deliveryId) || this.held.size >= this.maxHeld) return false;
    this.held.add(deliveryId);
    return true;
  }

  /** Lets a delivery go without finishing its lane (it failed to run, or was dropped). */
  letGo(deliveryId: string): void {
    this.held.delete(deliveryId);
  }

  place(delivery: QueuedDelivery): Placement {
    if (delivery.resource === null) {
      this.ready.push(delivery);
      return 'ready';
    }
    const lane = this.lanes.get(delivery.resource);
    if (lane) {
      insertBehindHead(lane, delivery);
      return 'waiting';
    }
    this.lanes.set(delivery.resource, [delivery]);
    return 'head';
  }

  get hasReady(): boolean {
    return this.ready.length > 0;
  }

  /** May run now (a checked head, a retry that came due). */
  makeReady(delivery: QueuedDelivery): void {
    this.ready.push(delivery);
  }

  /** Goes back to the front: it was taken to run but had to wait. */
  putBack(delivery: QueuedDelivery): void {
    this.ready.unshift(delivery);
  }

  nextReady(): QueuedDelivery | undefined {
    return this.ready.shift();
  }

  /** The deliveries of this resource recently finished here. */
  finishedHere(resource: string | null): string[] {
    return [...this.recentlyFinished].filter(([, finishedResource]) => finishedResource === resource).map(([id]) => id);
  }

  /** The delivery is done with here; answers its resource's next delivery, which becomes the lane's head. */
  finish(delivery: QueuedDelivery, { finishedHere }: { finishedHere: boolean }): QueuedDelivery | null {
    this.held.delete(delivery.deliveryId);
    if (finishedHere) this.rememberFinished(delivery);
    if (delivery.resource === null) return null;
    const lane = this.lanes.get(delivery.resource);
    if (!lane || lane[0] !== delivery) return null;
    lane.shift();
    const next = lane[0];
    if (!next) this.lanes.delete(delivery.resource);
    return next ?? null;
  }

  /** Forgets a delivery and, when it heads a lane, every later one of its resource; answers their ids. */
  forget(delivery: QueuedDelivery): string[] {
    const lane = delivery.resource === null ? undefined : this.lanes.get(delivery.resource);
    const heads = lane !== undefined && lane[0] === delivery;
    const forgotten = heads ? lane : [delivery];
    for (const each of forgotten) this.held.delete(each.deliveryId);
    if (heads && delivery.resource !== null) this.lanes.delete(delivery.resource);
    return forgotten.map((each) => each.deliveryId);
  }

  clear(): void {
    this.ready.length = 0;
    this.lanes.clear();
    this.held.clear();
  }

  private rememberFinished(delivery: QueuedDelivery): void {
    this.recentlyFinished.set(delivery.deliveryId, delivery.resource);
    if (this.recentlyFinished.size > RECENTLY_FINISHED_KEPT) {
      const oldest = this.recentlyFinished.keys().next().value as string;
      this.recentlyFinished.delete(oldest);
    }
  }
}

/** Keeps a lane in position order behind its head, which may already be running. */
function insertBehindHead(lane: QueuedDelivery[], delivery: QueuedDelivery): void {
  const after = lane.findIndex((queued, index) => index > 0 && (queued.position ?? '') > (delivery.position ?? ''));
  lane.splice(after === -1 ? lane.length : after, 0, delivery);
}
