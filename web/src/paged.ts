/** GET /requests pages: the first on load (and when the query or language changes), more on demand. */
import { useEffect, useState } from 'preact/hooks';
import { get } from './api/client';
import type { RequestListItem, RequestListPage } from './api/types';
import { useI18n } from './hooks';
import { errorText, toast } from './toasts';

export interface Paged {
  items: RequestListItem[];
  loading: boolean;
  error: unknown;
  more: boolean;
  loadMore(): void;
  reload(): void;
}

export function usePagedRequests(query: Record<string, string | undefined>): Paged {
  const { locale } = useI18n();
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  const [state, setState] = useState<{
    items: RequestListItem[];
    cursor: string | null;
    loading: boolean;
    error: unknown;
  }>({ items: [], cursor: null, loading: true, error: null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    get<RequestListPage>(`/requests?${params}`).then(
      (page) => live && setState({ items: page.items, cursor: page.nextCursor, loading: false, error: null }),
      (error: unknown) => live && setState((s) => ({ ...s, loading: false, error })),
    );
    return () => {
      live = false;
    };
  }, [params, locale, round]);
  const loadMore = () => {
    if (!state.cursor) return;
    setState((s) => ({ ...s, loading: true }));
    get<RequestListPage>(`/requests?${params}&cursor=${encodeURIComponent(state.cursor)}`).then(
      (page) =>
        setState((s) => ({ items: [...s.items, ...page.items], cursor: page.nextCursor, loading: false, error: null })),
      (error: unknown) => {
        setState((s) => ({ ...s, loading: false }));
        toast.error(errorText(error));
      },
    );
  };
  return {
    items: state.items,
    loading: state.loading,
    error: state.error,
    more: state.cursor !== null,
    loadMore,
    reload: () => setRound((n) => n + 1),
  };
}
