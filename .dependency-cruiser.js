/**
 * Dependency rules for the house (issue 16), checked by `npm run lint` (so by `npm test`).
 * The layers: domain (pure) <- ports <- use cases <- entry points (api, events, workflow) -> adapters.
 * Paths are regular expressions on paths relative to the repository root.
 */

import { builtinModules } from 'node:module';

/** Node's built-in modules as dependency-cruiser names them (without `node:`). */
const NODE_BUILTINS = `^(${builtinModules.join('|')})$`;
/** Folders whose modules run in Lambda or synthesise the stacks (catalog is configuration the functions load). */
const RUNTIME = '^(functions|lib|bin|catalog)/';
/** The entry points (composition roots): use cases and adapters reach none of them. */
const ENTRY_POINTS = '^functions/(api|workflow|events)/';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the cruiser cannot resolve would slip past every rule below.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle makes load order matter and the parts inseparable: cut it with a port or a move.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      comment:
        'A folder cycle (shared -> api -> shared) tangles layers even when no module cycle exists. ' +
        "The domain's areas (requests, sla, catalog, forms) are one pure layer sharing the request model and " +
        'catalog schema both ways, so cycles between them are not layer cycles; functions/domain as a whole is checked.',
      from: { pathNot: '^functions/domain/' },
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'functions/domain imports nothing of ours outside itself (npm packages such as zod are fine).',
      from: { path: '^functions/domain/' },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'core'], pathNot: '^functions/domain/' },
    },
    {
      name: 'ports-speak-domain',
      severity: 'error',
      comment: 'Ports are interfaces in domain terms: they import only functions/domain (and each other).',
      from: { path: '^functions/ports/' },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'core'], pathNot: '^functions/(domain|ports)/' },
    },
    {
      name: 'usecases-take-ports',
      severity: 'error',
      comment:
        'Use cases take ports as their first parameter; adapters and entry points are wired by the composition roots.',
      from: { path: '^functions/usecases/' },
      to: { path: [ENTRY_POINTS, '^functions/adapters/'] },
    },
    {
      name: 'shared-is-a-leaf',
      severity: 'error',
      comment: 'functions/shared (env, logger, metrics) imports only functions/domain and itself.',
      from: { path: '^functions/shared/' },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'core'], pathNot: '^functions/(domain|shared)/' },
    },
    {
      name: 'adapters-are-outward',
      severity: 'error',
      comment: 'Adapters implement ports; they never call use cases or entry points.',
      from: { path: '^functions/adapters/' },
      to: { path: ['^functions/usecases/', ENTRY_POINTS] },
    },
    {
      name: 'runtime-not-to-dev',
      severity: 'error',
      comment: 'Code that ships (functions, lib, bin, catalog) never imports the local runtime, tests or benchmarks.',
      from: { path: RUNTIME },
      to: { path: '^(local|test|bench)/' },
    },
    {
      name: 'web-only-pure-domain',
      severity: 'error',
      comment: 'The browser bundle shares only the pure domain with the functions, plus types from the API schemas.',
      from: { path: '^web/src/' },
      to: { path: '^functions/', pathNot: ['^functions/domain/', '^functions/api/schemas/'] },
    },
    {
      name: 'web-schemas-types-only',
      severity: 'error',
      comment: 'functions/api/schemas/ pulls zod into the bundle: the web takes its types only (import type).',
      from: { path: '^web/src/' },
      to: { path: '^functions/api/schemas/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-no-node-builtins',
      severity: 'error',
      comment: 'Whatever the web reaches in functions/domain must run in a browser: no Node built-ins on the way.',
      from: { path: '^web/src/' },
      to: { path: NODE_BUILTINS, reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: they are the contract between the layers (and the web's window on the schemas).
    tsPreCompilationDeps: true,
    // Resolve packages through their `exports` maps as Node and esbuild do (e.g. @aws-lambda-powertools/logger/middleware).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
