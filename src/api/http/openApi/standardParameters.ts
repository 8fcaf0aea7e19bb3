import { POSITION_SHAPE } from '../../../ports/eventStore';
import type { JsonObject } from './jsonSchema';

const POSITION = { type: 'string', pattern: POSITION_SHAPE.source };

/** Request parameters every read of the API understands (see readYourWrites.ts), under components/parameters. */
export const READ_YOUR_WRITES_PARAMETERS = {
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
} satisfies Record<string, JsonObject>;
