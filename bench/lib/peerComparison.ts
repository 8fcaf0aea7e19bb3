import type { BareExpress } from './bareExpress';
import type { HttpCase } from './httpCases';
import { httpRow } from './httpRows';
import { httpSettings } from './httpSettings';
import type { LoadPlan, LoadRequest } from './loadTest';
import { measuredLoad } from './measuredLoad';
import { step } from './progress';
import type { ResultRow } from './results';

const { seconds, connections } = httpSettings;

/** The size of the answer to a GET, which the baseline's answer copies. */
async function answerBytes(url: string, request: LoadRequest): Promise<number> {
  const response = await fetch(`${url}${request.path}`, { headers: request.headers as Record<string, string> });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`GET ${request.path} answered ${response.status}: ${body.toString().slice(0, 300)}`);
  return body.length;
}

function bodyBytes(plan: LoadPlan): number {
  const request = 'perConnection' in plan ? plan.perConnection(0) : plan;
  return request.body ? Buffer.byteLength(request.body()) : 0;
}

/** The baseline right before the route, both after a warm-up of their own. */
export async function compareWithBareExpress(httpCase: HttpCase, url: string, bare: BareExpress): Promise<ResultRow> {
  step(`${httpCase.label}: bare Express, then Filora, ${seconds} s each at ${connections} connections`);
  const responseBytes = httpCase.probe ? await answerBytes(url, httpCase.probe) : 0;
  const baselinePlan = httpCase.baseline(responseBytes);
  const what = httpCase.probe
    ? `GET answering a JSON document of ${responseBytes} B, Filora's answer's size`
    : `${'perConnection' in baselinePlan ? baselinePlan.perConnection(0).method : baselinePlan.method} JSON echo of the same body (${bodyBytes(baselinePlan)} B)`;
  const baseline = await measuredLoad('  bare Express', bare.url, baselinePlan);
  const filora = await measuredLoad('  Filora', url, httpCase.filora);
  return httpRow(httpCase, filora, baseline, what, connections);
}
