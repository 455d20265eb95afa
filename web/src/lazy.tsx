/**
 * A page loaded on demand: its code is a separate chunk fetched the first time the page is opened
 * (a spinner meanwhile; an error with "Try again" if the chunk cannot be fetched), so pages few
 * people open do not weigh on the first page's JavaScript.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading } from './components/ui';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = () => {
    pending ??= load().then(
      (page) => (loaded = page),
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return function LazyPage(props: P) {
    const [state, setState] = useState<{ error?: unknown; round: number }>({ round: 0 });
    useEffect(() => {
      if (loaded) return;
      let live = true;
      start().then(
        () => live && setState((s) => ({ round: s.round + 1 })),
        (error: unknown) => live && setState((s) => ({ error, round: s.round })),
      );
      return () => {
        live = false;
      };
    }, [state.round]);
    if (loaded) {
      const Page = loaded;
      return <Page {...props} />;
    }
    if (state.error !== undefined)
      return <ErrorState error={state.error} retry={() => setState((s) => ({ round: s.round + 1 }))} />;
    return <Loading />;
  };
}
