/**
 * Sign-in. Locally: pick a demo person (GET /api/dev/users -> POST /api/dev/token). In the cloud:
 * the company's identity provider (OIDC code flow with PKCE, auth/oidc.ts).
 */
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Locale, Person } from '../api/types';
import { beginSignIn } from '../auth/oidc';
import { Avatar, ErrorState, Loading, PageHeader } from '../components/ui';
import { loadDirectory, useAsync } from '../data';
import { useI18n, useSession } from '../hooks';
import { translate } from '../i18n';
import { teamName } from '../org';
import { matchesAll, normalize, queryWords } from '../search';
import { signInWithToken } from '../session';
import { errorText, toast } from '../toasts';

/** Where to go once signed in: the page the sign-in interrupted (same-origin paths only). */
export const nextPath = () => {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
};

export function SignIn() {
  const { config } = useSession();
  return config.auth.mode === 'local' ? <LocalSignIn /> : <OidcSignIn />;
}

function OidcSignIn() {
  const { t } = useI18n();
  const { config } = useSession();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    if (config.auth.mode !== 'oidc') return;
    setBusy(true);
    try {
      await beginSignIn(config.auth, nextPath());
    } catch (error) {
      setBusy(false);
      toast.error(t('signInFailed', { message: errorText(error) }));
    }
  };
  return (
    <section class="signin">
      <PageHeader title={t('signInTitle')} intro={t('signInOidc')} />
      <button type="button" class="btn btn--primary btn--large" onClick={start} disabled={busy}>
        {busy ? t('signingIn') : t('signInOidcButton')}
      </button>
    </section>
  );
}

/** What finds a person: name, job, e-mail, roles and teams (in the language shown; teams in both). */
function searchText(person: Person, locale: Locale): string {
  const roles = person.roles.map((role) => translate(locale, `role_${role}`));
  const teams = person.teams.flatMap((id) => [teamName(id, 'ru'), teamName(id, 'en')]);
  const jobs = person.jobTitle ? [person.jobTitle.ru, person.jobTitle.en] : [];
  return normalize([person.name, person.email, ...jobs, ...roles, ...teams].join(' '));
}

function LocalSignIn() {
  const { t, locale } = useI18n();
  const people = useAsync(() => loadDirectory(true), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const index = useMemo(
    () => new Map((people.data ?? []).map((person) => [person.id, searchText(person, locale)])),
    [people.data, locale],
  );
  const words = queryWords(query);
  const shown = (people.data ?? []).filter((person) => matchesAll(index.get(person.id) ?? '', words));
  const signIn = async (person: Person) => {
    setBusy(person.id);
    try {
      const { token } = await api<{ token: string }>(
        'POST',
        '/dev/token',
        { email: person.email },
        { anonymous: true },
      );
      // Signed in: the app leaves the sign-in page for nextPath() itself.
      await signInWithToken(token);
    } catch (error) {
      toast.error(t('signInFailed', { message: errorText(error) }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="signin">
      <PageHeader title={t('signInTitle')} intro={t('signInLocal')} />
      {people.loading && !people.data && <Loading />}
      {!people.loading && !people.data && <ErrorState error={people.error ?? t('errorTitle')} retry={people.reload} />}
      {people.data && (
        <div class="people-search">
          <label class="field-label" for="people-search">
            {t('peopleSearchLabel')}
          </label>
          <input
            id="people-search"
            type="search"
            value={query}
            placeholder={t('peopleSearchPlaceholder')}
            autocomplete="off"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p class="sr-only" role="status">
            {query ? t('peopleFound', { n: shown.length }) : ''}
          </p>
        </div>
      )}
      {people.data && shown.length === 0 && <p class="empty">{t('noPersonFound', { q: query })}</p>}
      <ul class="people" aria-label={t('signInTitle')}>
        {shown.map((person) => (
          <li key={person.id}>
            <button
              type="button"
              class="person"
              onClick={() => signIn(person)}
              disabled={busy !== null}
              data-user={person.id}
              title={t('signInAs', { name: person.name })}
            >
              <Avatar name={person.name} />
              <span class="person-text">
                <span class="person-name">{person.name}</span>
                <span class="person-job">{person.jobTitle?.[locale] ?? person.email}</span>
                <span class="tags">
                  {person.roles
                    .filter((role) => role !== 'employee')
                    .map((role) => (
                      <span key={role} class={`tag tag--${role}`}>
                        {t(`role_${role}`)}
                      </span>
                    ))}
                  {person.teams.length > 0 && (
                    <span class="tag">
                      {t('teamsLabel', { teams: person.teams.map((id) => teamName(id, locale)).join(', ') })}
                    </span>
                  )}
                </span>
              </span>
              {busy === person.id && <span class="spinner" aria-hidden="true" />}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
