/**
 * Every rule family, in the order upstream validation runs them. To add a rule, write it in
 * its family's module and list it in that module's array (ARCHITECTURE.md, "Add a rule").
 */
import type { ObjectRule, PodSpecRule } from './context';
import { metadataRules } from './metadata';
import { nodeRules } from './node';
import { workloadsRules } from './workloads';
import { podSpecRules } from './podSpec';
import { containersRules } from './containers';
import { portsRules } from './ports';
import { envRules } from './env';
import { resourcesRules } from './resources';
import { probesRules } from './probes';
import { volumesRules } from './volumes';
import { mountsRules } from './mounts';
import { securityContextRules } from './securityContext';
import { containerSecurityRules } from './containerSecurity';
import { schedulingRules } from './scheduling';
import { checkPodSpecEnums } from './enums';
import { adviceRules } from './advice';
import { upstreamWarningRules } from './upstreamWarnings';
import { resourceClaims } from './spec/resourceClaims';
import { tolerationsAnnotation } from './meta/tolerationsAnnotation';
import { preferAvoidPods } from './nodeAvoidPods';
import { imageReferenceRules } from './imageReference';
import { podWarningRules } from './warnings/podWarnings';
import { volumePathRules } from './warnings/volumePaths';
import { portDefinitionRules } from './warnings/portDefinitions';
import { nodeWarningRules } from './warnings/nodeWarnings';

export const OBJECT_RULES: ObjectRule[] = [...metadataRules, ...nodeRules, preferAvoidPods, ...workloadsRules, ...nodeWarningRules];

export const POD_SPEC_RULES: PodSpecRule[] = [
  (ctx, site) => checkPodSpecEnums(site, ctx.out),
  ...podSpecRules,
  resourceClaims,
  tolerationsAnnotation,
  ...containersRules,
  ...portsRules,
  ...envRules,
  ...resourcesRules,
  ...probesRules,
  ...volumesRules,
  ...mountsRules,
  ...securityContextRules,
  ...containerSecurityRules,
  ...schedulingRules,
  ...upstreamWarningRules,
  ...podWarningRules,
  ...volumePathRules,
  ...portDefinitionRules,
  ...imageReferenceRules,
  ...adviceRules,
];
