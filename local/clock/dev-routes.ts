/** `/api/dev/clock`: read the virtual clock and move it forward (local only). */
import type { DevRoute } from '../api-server';
import { DurationError, parseIsoDuration } from './duration';
import type { VirtualClock } from './virtual-clock';

const invalid = (message: string) => ({
  status: 400,
  body: { error: { code: 'validation_failed', message, details: [{ path: 'advance', message }] } },
});

export function clockDevRoutes(clock: VirtualClock): DevRoute[] {
  return [
    {
      method: 'GET',
      path: '/dev/clock',
      handle: async () => ({ status: 200, body: { now: clock.nowIso() } }),
    },
    {
      method: 'POST',
      path: '/dev/clock',
      async handle(body) {
        const advance = (body as { advance?: unknown } | null)?.advance;
        if (typeof advance !== 'string') return invalid('advance must be an ISO 8601 duration such as "PT8H"');
        let ms: number;
        try {
          ms = parseIsoDuration(advance);
        } catch (error) {
          if (error instanceof DurationError) return invalid(error.message);
          throw error;
        }
        // Answers only after every timer that fell due has run and its effects are stored.
        const now = await clock.advance(ms);
        return { status: 200, body: { now: now.toISOString() } };
      },
    },
  ];
}
