/**
 * Validates Kubernetes objects against the API schemas that `kubernetes-models` ships
 * (generated from the Kubernetes OpenAPI document, checked offline). An ES module of its
 * own because the package is ESM-only; the test runs it with node and reads its JSON answer.
 * Usage: node validate-k8s.mjs '<JSON array of objects>'
 */
const MODELS = {
  'v1/Namespace': 'kubernetes-models/v1/Namespace',
  'v1/ConfigMap': 'kubernetes-models/v1/ConfigMap',
  'v1/Service': 'kubernetes-models/v1/Service',
  'apps/v1/Deployment': 'kubernetes-models/apps/v1/Deployment',
  'autoscaling/v2/HorizontalPodAutoscaler': 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
};

const objects = JSON.parse(process.argv[2]);
const results = [];
for (const object of objects) {
  const key = `${object.apiVersion}/${object.kind}`;
  const path = MODELS[key];
  if (!path) {
    results.push({ key, error: 'no schema known for this kind' });
    continue;
  }
  const model = await import(path);
  const Model = model[object.kind];
  try {
    new Model(object).validate();
    results.push({ key, name: object.metadata?.name, error: null });
  } catch (err) {
    results.push({ key, name: object.metadata?.name, error: err.message });
  }
}
process.stdout.write(JSON.stringify(results));
