import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataOf, pod, textAt, validate } from '../../helpers/engine';
import { imageReferenceProblem } from '../../../server/src/service/util/imageReference';

const HEX64 = 'a'.repeat(64);

function refs(yaml: string) {
  return validate(yaml).filter((d) => d.code === 'image-reference');
}

function podWithImages(images: string[]): string {
  return pod(`  containers:\n${images.map((im, i) => `  - name: c${i}\n    image: ${JSON.stringify(im)}\n`).join('')}`);
}

test('references the kubelet parses are accepted', () => {
  const ok = [
    'nginx',
    'nginx:1.27',
    'library/nginx:1.27-alpine',
    'registry.example.com:5000/team/app:v1.2.3',
    'localhost/app',
    'localhost:5000/app',
    `ghcr.io/org/app@sha256:${HEX64}`,
    `app:1.0@sha256:${HEX64}`,
    '[::1]:5000/app:dev',
    'my_org/app__x/a-b---c.d',
    'Registry.Example.com/org/app', // the registry part may have any case; path components may not
    `app@sha512:${'0'.repeat(128)}`,
  ];
  for (const r of ok) assert.equal(imageReferenceProblem(r), undefined, r);
  assert.deepEqual(refs(podWithImages(ok)), []);
});

test('uppercase repository, empty path component, bad tag and digest forms give their reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['Nginx:1.27', /the repository name must be lowercase \("Nginx"\)/],
    ['library/MyApp', /the repository name must be lowercase \("MyApp"\)/],
    ['library//nginx', /empty path component/],
    ['nginx/', /empty path component/],
    ['/nginx', /empty path component/],
    ['nginx:-1', /tag "-1" must be 1 to 128 letters/],
    ['nginx:', /the tag after ":" is empty/],
    [`nginx:${'a'.repeat(129)}`, /must be 1 to 128/],
    ['nginx@sha256:abc', /a sha256 digest has 64 hex digits, not 3/],
    [`nginx@md5:${HEX64}`, /digest algorithm "md5" is not supported/],
    [`nginx@sha256:${'A'.repeat(64)}`, /lowercase hexadecimal/],
    ['nginx@latest', /digest "latest" must be algorithm:hex/],
    [HEX64, /image ID, not a repository name/],
    ['my app', /whitespace/],
    ['app!/x', /path component "app!" may only contain/],
    [`${'a/'.repeat(130)}a`, /longer than 255/],
  ];
  for (const [r, why] of cases) assert.match(imageReferenceProblem(r) ?? 'accepted', why, r);
  const yaml = podWithImages(['Nginx:1.27', 'nginx@sha256:abc']);
  const ds = refs(yaml);
  assert.equal(ds.length, 2);
  assert.equal(ds[0].severity, 2);
  assert.equal(dataOf(ds[0]).errorType, undefined, 'the API server accepts it: a warning');
  assert.equal(dataOf(ds[0]).field, 'spec.containers[0].image');
  assert.equal(textAt(yaml, ds[0]), '"Nginx:1.27"');
  assert.equal(
    ds[0].message,
    'spec.containers[0].image: image "Nginx:1.27" is not a valid image reference: the repository name must be lowercase ("Nginx"); the kubelet cannot pull it, so the container waits with reason InvalidImageName',
  );
});

test('surrounding whitespace: an error in Pods (container-image), a warning in templates', () => {
  const p = podWithImages([' nginx:1.27']);
  assert.deepEqual(refs(p), []);
  assert.equal(validate(p).filter((d) => d.code === 'container-image').length, 1);
  const dep = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers:\n      - name: app\n        image: " nginx:1.27"\n`;
  const ds = refs(dep);
  assert.equal(ds.length, 1);
  assert.equal(dataOf(ds[0]).field, 'spec.template.spec.containers[0].image');
  assert.match(ds[0].message, /whitespace/);
});

test('image volumes are parsed by the kubelet too', () => {
  const yaml = pod('  containers:\n  - name: app\n    image: app:1\n    volumeMounts:\n    - {name: data, mountPath: /data}\n  volumes:\n  - name: data\n    image:\n      reference: Registry.example.com/Data:1\n');
  const ds = refs(yaml);
  assert.equal(ds.length, 1);
  assert.equal(dataOf(ds[0]).field, 'spec.volumes[0].image.reference');
  assert.match(ds[0].message, /must be lowercase \("Data"\)/);
});

test('long hostile references are judged, not backtracked over', () => {
  assert.match(imageReferenceProblem(`${'a_'.repeat(200_000)}!`) ?? '', /longer than 255/);
  assert.match(imageReferenceProblem(`a:${'_'.repeat(200_000)}`) ?? '', /tag/);
  assert.match(imageReferenceProblem(`a@sha256:${'0'.repeat(200_000)}`) ?? '', /64 hex digits/);
  assert.match(imageReferenceProblem(`${'a__'.repeat(80)}_`) ?? '', /may only contain/);
});
