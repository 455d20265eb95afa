/** The portal's shell: header (navigation by role, language, sign-out), the routed page, toasts. */
import { Component, type ComponentChildren, type JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Locale, Me } from './api/types';
import { syncClock } from './clock';
import { ErrorState, Loading, PageHeader, Toasts } from './components/ui';
import { useI18n, useSession } from './hooks';
import { LOCALES } from './i18n';
import { lazyPage } from './lazy';
import { Approvals } from './pages/Approvals';
import { Catalog } from './pages/Catalog';
import { DelegationPage } from './pages/Delegation';
import { MyRequests } from './pages/MyRequests';
import { Queue } from './pages/Queue';
import { RequestPage } from './pages/RequestPage';
import { ServicePage } from './pages/ServicePage';
import { nextPath, SignIn } from './pages/SignIn';
import { Link, match, navigate, useLocation } from './router';
import { isLocalMode, setLocale, signOut } from './session';

type Page = (params: Record<string, string>, query: URLSearchParams) => JSX.Element;

/** Its charts are only for admins and managers: a chunk of its own, fetched when first opened. */
const Analytics = lazyPage(() => import('./pages/Analytics').then((page) => page.Analytics));

const ROUTES: [string, Page][] = [
  ['/', () => <Catalog />],
  ['/services/:id', (p) => <ServicePage id={p.id ?? ''} />],
  ['/requests', () => <MyRequests />],
  ['/requests/:id', (p, q) => <RequestPage id={p.id ?? ''} decide={q.get('decide') === '1'} />],
  ['/queue', () => <Queue />],
  ['/approvals', () => <Approvals />],
  ['/delegation', () => <DelegationPage />],
  ['/analytics', () => <Analytics />],
];

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <PageHeader title={t('notFoundTitle')} intro={t('notFoundText')} />
      <Link class="btn btn--primary" href="/">
        {t('browseServices')}
      </Link>
    </section>
  );
}

function routed(path: string, query: URLSearchParams): JSX.Element {
  for (const [pattern, page] of ROUTES) {
    const params = match(pattern, path);
    if (params) return page(params, query);
  }
  return <NotFound />;
}

/** Never a blank screen: a render error shows a message and a way on. */
class Boundary extends Component<{ children: ComponentChildren }, { error: unknown }> {
  override state = { error: null as unknown };
  override componentDidCatch(error: unknown) {
    this.setState({ error });
  }
  override render() {
    if (this.state.error) return <ErrorState error={this.state.error} retry={() => location.reload()} />;
    return this.props.children;
  }
}

interface NavItem {
  href: string;
  label: string;
}

function navItems(me: Me, t: ReturnType<typeof useI18n>['t']): NavItem[] {
  const roles = new Set(me.roles);
  const items: NavItem[] = [
    { href: '/', label: t('navCatalog') },
    { href: '/requests', label: t('navMine') },
  ];
  if (me.teams.length > 0 && (roles.has('agent') || roles.has('admin')))
    items.push({ href: '/queue', label: t('navQueue') });
  // Anyone may be a deputy, so everyone has an approvals inbox.
  items.push({ href: '/approvals', label: t('navApprovals') });
  if (roles.has('approver')) items.push({ href: '/delegation', label: t('navDelegation') });
  if (roles.has('admin') || roles.has('approver')) items.push({ href: '/analytics', label: t('navAnalytics') });
  return items;
}

/** The list pages are "current" for themselves; a request page belongs to no single list. */
const active = (href: string, path: string) =>
  href === '/' ? path === '/' || path.startsWith('/services/') : path === href;

function LanguageSwitch() {
  const { t, locale } = useI18n();
  return (
    <div class="lang" role="group" aria-label={t('language')}>
      {LOCALES.map((l: Locale) => (
        <button key={l} type="button" lang={l} aria-pressed={locale === l} onClick={() => setLocale(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function Header({ path }: { path: string }) {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <header class="header">
      <div class="header-bar">
        <Link href="/" class="brand">
          <svg viewBox="0 0 32 32" aria-hidden="true" class="brand-mark">
            <rect width="32" height="32" rx="8" fill="#fff" />
            <path d="M9 9h9a5 5 0 0 1 0 10h-5v4H9zm4 4v2h5a1 1 0 0 0 0-2z" fill="#1f3fae" />
          </svg>
          <span>{t('appName')}</span>
        </Link>
        <div class="header-tools">
          <LanguageSwitch />
          {me && (
            <div class="user">
              <span class="user-name" title={t('signedInAs', { name: me.name })}>
                {me.name}
              </span>
              <button type="button" class="btn btn--ghost btn--small" onClick={() => void signOut()}>
                {t('signOut')}
              </button>
            </div>
          )}
        </div>
      </div>
      {me && (
        <nav class="nav" aria-label={t('mainNav')}>
          <ul>
            {navItems(me, t).map((item) => (
              <li key={item.href}>
                <Link href={item.href} aria-current={active(item.href, path) ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}

/** After a navigation: the server's clock again (local runtime), and focus on the new page's heading. */
function useRouteEffects(path: string) {
  const first = useRef(true);
  useEffect(() => {
    void syncClock(isLocalMode());
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(
      () => (document.getElementById('page-title') ?? document.getElementById('main'))?.focus(),
      50,
    );
    return () => clearTimeout(timer);
  }, [path]);
}

export function App() {
  const { t } = useI18n();
  const { phase, error } = useSession();
  const { path, query } = useLocation();
  useRouteEffects(path);
  const signInPage = path === '/signin';
  useEffect(() => {
    if (phase === 'signed-out' && !signInPage)
      navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    if (phase === 'signed-in' && signInPage) navigate(nextPath(), { replace: true });
  }, [phase, signInPage]);
  let content: JSX.Element;
  if (phase === 'booting') content = <Loading />;
  else if (phase === 'failed')
    content = <ErrorState error={error ?? t('errorTitle')} retry={() => location.reload()} />;
  else if (phase === 'signed-out' || signInPage) content = <SignIn />;
  else content = routed(path, query);
  return (
    <>
      <a class="skip" href="#main">
        {t('skipToContent')}
      </a>
      <Header path={path} />
      <main id="main" tabIndex={-1}>
        <Boundary key={path}>{content}</Boundary>
      </main>
      <Toasts />
    </>
  );
}
