/**
 * Architecture rules, checked by `npm run lint`:
 * apps are deployables and never import each other; libs never import apps.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-other-app',
      comment: 'An app must not import another app: share through libs/ or through Kafka contracts.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      comment: 'Libraries are shared by the apps and must not depend on any of them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'runtime-on-top',
      comment:
        'libs/runtime starts services from the other libraries (observability, kafka, http); none of them may depend on it.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/runtime/' },
      to: { path: '^libs/runtime/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '(^|/)(dist|node_modules|\\.data)/' },
  },
};
