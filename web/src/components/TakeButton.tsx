/** "Take" on a request page: a request a colleague works on is only taken over after a question. */
import { useState } from 'preact/hooks';
import { useI18n } from '../hooks';

export function TakeButton(props: { colleague: string | null; busy: boolean; onTake(): void }) {
  const { colleague, busy, onTake } = props;
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (asking && colleague)
    return (
      <div class="confirm" role="group" aria-label={t('take')}>
        <p class="assign-question" role="alert">
          {t('takeOverQuestion', { name: colleague })}
        </p>
        <div class="button-row">
          <button type="button" class="btn btn--primary" disabled={busy} data-action="take" onClick={onTake}>
            {t('takeOver')}
          </button>
          <button type="button" class="btn" onClick={() => setAsking(false)}>
            {t('cancelChoice')}
          </button>
        </div>
      </div>
    );
  return (
    <button
      type="button"
      class="btn btn--primary btn--block"
      disabled={busy}
      data-action={colleague ? 'take-start' : 'take'}
      onClick={() => (colleague ? setAsking(true) : onTake())}
    >
      {t('take')}
    </button>
  );
}
