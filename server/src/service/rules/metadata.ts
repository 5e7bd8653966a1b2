/**
 * Rule family: metadata — `ValidateObjectMeta` for every kind (name, generateName, namespace,
 * labels, annotations, ownerReferences, finalizers), the Pod-specific annotations (mirror,
 * deletion cost, legacy seccomp/AppArmor) and their agreement with the fields, and the
 * labels/annotations of Pod templates, which upstream reports under `<template>.labels` /
 * `<template>.annotations` (no `metadata` segment). See docs/rules.md.
 */
import { entry, type ObjectRule } from './context';
import { validateLabels } from './spec/labelSelector';
import { structField } from './spec/values';
import { validateAnnotations, validateObjectMeta, type ObjectMetaOptions } from './meta/objectMeta';
import { validatePodSpecificAnnotations, validateSecurityAnnotationsMatch } from './meta/podAnnotations';
import { templateOf } from './meta/template';

/**
 * Name grammar and scope per kind. `generation` is overwritten (set to 1) by every workload
 * and Pod strategy before validation, so only a Node's user-set generation is judged.
 */
const META_OPTIONS: Record<string, ObjectMetaOptions> = {
  Pod: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
  PodTemplate: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
  Node: { nameFn: 'subdomain', namespaced: false, checkGeneration: true },
  ReplicationController: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
  Deployment: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
  ReplicaSet: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
  DaemonSet: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
  // A StatefulSet's name becomes part of its Pods' hostnames: a DNS label.
  StatefulSet: { nameFn: 'label', namespaced: true, checkGeneration: false },
  Job: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
  CronJob: { nameFn: 'subdomain', namespaced: true, checkGeneration: false },
};

const objectMeta: ObjectRule = (ctx) => {
  const opts = META_OPTIONS[ctx.object.kind];
  if (opts) validateObjectMeta(ctx, opts);
};

/** `validatePodMetadataAndSpec` / `ValidatePodCreate`: the Pod's own annotations. */
const podAnnotations: ObjectRule = (ctx) => {
  if (ctx.object.kind !== 'Pod') return;
  const obj = ctx.object.node;
  const meta = structField(obj, 'metadata')?.m ?? undefined;
  const ann = meta ? (structField(meta, 'annotations')?.m ?? undefined) : undefined;
  const spec = structField(obj, 'spec')?.m ?? undefined;
  validatePodSpecificAnnotations(ctx, ann, 'metadata.annotations', spec);
  validateSecurityAnnotationsMatch(ctx, ann, spec, 'spec', true);
};

/**
 * `ValidatePodTemplateSpec` (and the StatefulSet's reduced variant): template labels and
 * annotations. A StatefulSet skips the annotation/field agreement check.
 */
const templateMeta: ObjectRule = (ctx) => {
  const site = templateOf(ctx.object);
  if (!site?.meta) return;
  validateLabels(ctx, 'metadata-labels', entry(site.meta, 'labels')?.value, `${site.path}.labels`);
  const annE = entry(site.meta, 'annotations');
  validateAnnotations(ctx, 'metadata-annotations', annE?.value, `${site.path}.annotations`, annE?.keySpan);
  const ann = structField(site.meta, 'annotations')?.m ?? undefined;
  validatePodSpecificAnnotations(ctx, ann, `${site.path}.annotations`, site.spec);
  if (ctx.object.kind !== 'StatefulSet') validateSecurityAnnotationsMatch(ctx, ann, site.spec, `${site.path}.spec`, false);
};

export const metadataRules: ObjectRule[] = [objectMeta, podAnnotations, templateMeta];
