/**
 * Rule image-reference: an image the kubelet cannot parse (util/imageReference.ts). The API
 * server accepts any non-empty string, so this is a warning: the Pod is created, and its
 * container waits with reason InvalidImageName. Checks container images and image volumes.
 */
import { childPath, indexPath } from '../diagnostics/finding';
import { imageReferenceProblem } from '../util/imageReference';
import { report, type PodSpecRule } from './context';
import { containersOf, isPod } from './container/walk';
import { itemMap, seqField, strField, structField, valueAt } from './spec/values';

const RULE = 'image-reference';
// Go's strings.TrimSpace set, as container-image uses it for its whitespace error.
const EDGE_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

function message(image: string, why: string): string {
  return `image ${JSON.stringify(image)} is not a valid image reference: ${why}; the kubelet cannot pull it, so the container waits with reason InvalidImageName`;
}

const imageReferences: PodSpecRule = (ctx, site) => {
  const pod = isPod(ctx);
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const ref of containersOf(site.spec, site.path, kind)) {
      const f = strField(ref.c, 'image');
      if (!f?.e || f.value === '') continue;
      // Surrounding whitespace is already an error in Pods and ephemeral containers (container-image).
      if ((pod || kind === 'ephemeralContainers') && EDGE_SPACE.test(f.value)) continue;
      const why = imageReferenceProblem(f.value);
      if (why) report(ctx, RULE, undefined, childPath(ref.path, 'image'), valueAt(f.e), message(f.value, why));
    }
  }
  const volumes = seqField(site.spec, 'volumes');
  volumes?.items.forEach((item, i) => {
    const v = itemMap(item);
    const img = v ? structField(v, 'image')?.m : undefined;
    const r = img ? strField(img, 'reference') : undefined;
    if (!r?.e || r.value === '') return;
    const why = imageReferenceProblem(r.value);
    if (why) report(ctx, RULE, undefined, childPath(childPath(indexPath(childPath(site.path, 'volumes'), i), 'image'), 'reference'), valueAt(r.e), message(r.value, why));
  });
};

export const imageReferenceRules: PodSpecRule[] = [imageReferences];
