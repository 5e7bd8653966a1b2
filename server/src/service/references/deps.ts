/**
 * Which documents a change of declarations concerns, so that a host validates again only those:
 * a document depends on the objects its references name (an edit of ConfigMap "app", a key
 * renamed in it, its removal or arrival), and, for each reference that names nothing declared,
 * on the names of that kind in that namespace (did-you-mean and the closed-world rule read
 * them). Claims also depend on the StatefulSets of their namespace, which provide claims.
 */
import type { ManifestFile } from '../parse/manifests';
import type { DeclaredObjects } from '../createPath/admission/types';
import { declarationKey, type DeclarationChanges } from '../workspace/model';
import { referencesOf } from './collect';
import { resolve } from './targets';

export function affectedBy(file: ManifestFile, declared: DeclaredObjects, changes: DeclarationChanges): boolean {
  if (changes.all || changes.admission) return true;
  if (changes.names.size === 0 && changes.populations.size === 0) return false;
  for (const placed of file.documents) {
    for (const ref of referencesOf(placed.doc)) {
      if (changes.names.has(declarationKey(ref.kind, ref.namespace, ref.name))) return true;
      const population = declarationKey(ref.kind, ref.namespace);
      if (!changes.populations.has(population)) continue;
      if (ref.kind === 'PersistentVolumeClaim' || !resolve(declared, ref.kind, ref.namespace, ref.name)) return true;
    }
  }
  return false;
}
