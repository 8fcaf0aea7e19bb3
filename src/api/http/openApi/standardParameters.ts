import { POSITION_SHAPE } from '../../../ports/eventStore';
import type { JsonObject } from './jsonSchema';

const POSITION = { type: 'string', pattern: POSITION_SHAPE.source };

/** Request parameters the route machinery reads (readYourWrites.ts for reads, idempotentWrite.ts for writes), under components/parameters. */
export const STANDARD_PARAMETERS = {
  AfterPosition: {
    name: 'after_position',
    in: 'query',
    required: false,
    description:
      'Answer only once the read models have reached this position (an X-Filora-Position a write returned), waiting a bounded time; see X-Filora-Stale',
    schema: POSITION,
  },
  MinPosition: {
    name: 'X-Filora-Min-Position',
    in: 'header',
    required: false,
    description: 'The same as after_position, as a header; the later of the two is waited for',
    schema: POSITION,
  },
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe: 1 to 255 printable ASCII characters, unique per request of the caller. A retry with the same key and the same request within 24 h answers the first 2xx answer again (Idempotent-Replayed: true); while the first runs, 409; with another method, path or body, 422 idempotency_mismatch. An answer that is not 2xx frees the key',
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$' },
  },
} satisfies Record<string, JsonObject>;
