/**
 * The words of the code lenses on both sides of a Service: above the Service what it selects
 * ("selects 3 Pods"), above a Pod or template who selects it ("selected by Service web
 * (80→http)"). The names go in the tooltip.
 */
import type { PodFacts } from './podFacts';
import type { IndexedService, ReachIndex } from './index';
import { portArrow, typeText } from './service';
import { podCount, podTitle } from './words';
import { plain } from '../sharing/markdown';

export interface LensText {
  title: string;
  tooltip: string;
}

/** At most this many names in a tooltip. */
const LISTED = 20;

function listed(names: string[]): string {
  return names.length > LISTED ? `${names.slice(0, LISTED).join('\n')}\n… and ${names.length - LISTED} more` : names.join('\n');
}

export function serviceLens(s: IndexedService, reach: ReachIndex): LensText {
  const f = s.facts;
  if (!f.selector) {
    if (f.noSelector === 'externalName') return { title: `ExternalName: a DNS alias${f.externalName ? ` of ${plain(f.externalName)}` : ''}, selects no Pods`, tooltip: 'Type ExternalName ignores spec.selector: the cluster DNS answers with a CNAME.' };
    return {
      title: 'no selector: selects no Pods by design',
      tooltip: `Without a selector${f.noSelector === 'empty' ? ' (an empty one counts as none)' : ''} Kubernetes leaves this Service's endpoints alone: they are managed outside it (EndpointSlices you create).`,
    };
  }
  const pods = reach.selectedBy(s);
  if (pods.length === 0) return { title: 'selects no Pod in the workspace', tooltip: `No Pod or Pod template in namespace ${plain(f.namespace)} has every label of the selector.` };
  return { title: `selects ${podCount(pods.map((p) => p.facts))}`, tooltip: listed(pods.map((p) => plain(podTitle(p.facts), 120))) };
}

/** `Service web (80→http)`. */
export function serviceRef(s: IndexedService): string {
  const ports = s.facts.ports.map(portArrow);
  return plain(`Service ${s.facts.name}${ports.length ? ` (${ports.join(', ')})` : ''}`, 120);
}

export function podLens(pod: PodFacts, reach: ReachIndex): LensText | undefined {
  const services = reach.servicesSelecting(pod);
  if (services.length === 0) return undefined;
  const first = services.slice(0, 2).map(serviceRef);
  const title = `selected by ${first.join(', ')}${services.length > 2 ? ` and ${services.length - 2} more` : ''}`;
  const tooltip = listed(services.map((s) => `${serviceRef(s)} — ${plain(typeText(s.facts))}`));
  return { title, tooltip };
}
