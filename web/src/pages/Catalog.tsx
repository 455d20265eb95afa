/** The service catalog: categories, search over titles, descriptions and keywords in both languages. */
import { useMemo, useState } from 'preact/hooks';
import { CATEGORIES } from '../../../functions/domain/catalog/vocabulary';
import type { Category, Locale, Service } from '../api/types';
import { Empty, ErrorState, Loading, PageHeader } from '../components/ui';
import { loadServices, useAsync } from '../data';
import { useI18n } from '../hooks';
import { teamName, workingTimeOn } from '../org';
import { Link } from '../router';
import { matchesAll, normalize, queryWords } from '../search';

function searchIndex(lists: Service[][]): Map<string, string> {
  const index = new Map<string, string>();
  for (const service of lists.flat()) {
    const text = [service.title, service.description, ...service.keywords].join(' ');
    index.set(service.id, `${index.get(service.id) ?? ''} ${normalize(text)}`);
  }
  return index;
}

function useQueryParam(name: string): [string, (value: string) => void] {
  const [value, setValue] = useState(() => new URLSearchParams(location.search).get(name) ?? '');
  const update = (next: string) => {
    setValue(next);
    const url = new URL(location.href);
    if (next) url.searchParams.set(name, next);
    else url.searchParams.delete(name);
    history.replaceState(null, '', url.pathname + url.search);
  };
  return [value, update];
}

export function Catalog() {
  const { t, locale } = useI18n();
  const other: Locale = locale === 'ru' ? 'en' : 'ru';
  const services = useAsync(() => loadServices(locale), [locale]);
  // The other language's texts are searched too ("отпуск" and "vacation" both find the service).
  const translated = useAsync(
    () => (services.data ? loadServices(other) : Promise.resolve([])),
    [other, !!services.data],
  );
  const [query, setQuery] = useQueryParam('q');
  const [category, setCategory] = useQueryParam('category');
  const index = useMemo(
    () => searchIndex([services.data ?? [], translated.data ?? []]),
    [services.data, translated.data],
  );
  const words = queryWords(query);
  const found = (services.data ?? []).filter((service) => matchesAll(index.get(service.id) ?? '', words));
  const shown = found.filter((service) => !category || service.category === category);
  return (
    <section>
      <PageHeader title={t('catalogTitle')} intro={t('catalogIntro')} />
      <div class="catalog-tools">
        <div class="search">
          <label for="catalog-search" class="sr-only">
            {t('searchLabel')}
          </label>
          <svg aria-hidden="true" viewBox="0 0 24 24" class="search-icon">
            <path d="M10 3a7 7 0 0 1 5.6 11.2l4.6 4.6-1.4 1.4-4.6-4.6A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z" />
          </svg>
          <input
            id="catalog-search"
            type="search"
            placeholder={t('searchPlaceholder')}
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            autocomplete="off"
          />
        </div>
        <div class="filters" role="group" aria-label={t('categoryFilter')}>
          {['', ...CATEGORIES].map((id) => {
            const count = id ? found.filter((s) => s.category === id).length : found.length;
            return (
              <button
                key={id || 'all'}
                type="button"
                class="filter"
                aria-pressed={category === id}
                onClick={() => setCategory(id)}
              >
                {id ? t(`cat_${id as Category}`) : t('allCategories')}
                <span class="filter-count">{count}</span>
              </button>
            );
          })}
        </div>
      </div>
      <p class="sr-only" role="status">
        {services.data ? t('servicesFound', { n: shown.length }) : ''}
      </p>
      {services.loading && !services.data && <Loading />}
      {services.error && !services.data ? <ErrorState error={services.error} retry={services.reload} /> : null}
      {services.data && shown.length === 0 && (
        <Empty>
          <p>{t('noServiceFound', { q: query })}</p>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setQuery('');
              setCategory('');
            }}
          >
            {t('clearSearch')}
          </button>
        </Empty>
      )}
      {CATEGORIES.filter((c) => shown.some((s) => s.category === c)).map((c) => (
        <section key={c} class="category" aria-labelledby={`cat-${c}`}>
          <h2 id={`cat-${c}`} class="category-title">
            <span class={`dot dot--${c}`} aria-hidden="true" />
            {t(`cat_${c}`)}
          </h2>
          <ul class="cards">
            {shown
              .filter((s) => s.category === c)
              .map((service) => (
                <li key={service.id}>
                  <ServiceCard service={service} />
                </li>
              ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function ServiceCard({ service }: { service: Service }) {
  const { t, locale } = useI18n();
  const approval = service.approvalStages.length > 0;
  return (
    <Link href={`/services/${service.id}`} class="card service-card">
      <h3>{service.title}</h3>
      <p class="service-desc">{service.description}</p>
      <p class="service-meta">
        <span>{teamName(service.team, locale)}</span>
        <span>
          {t('resolutionWithin', { time: workingTimeOn(service.sla.calendar, service.sla.resolutionHours, locale) })}
        </span>
        <span class={`tag ${approval ? 'tag--approval' : ''}`}>
          {approval ? t('needsApproval') : t('noApprovalNeeded')}
        </span>
      </p>
    </Link>
  );
}
