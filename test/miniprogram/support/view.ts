/**
 * Reading and driving a rendered component the way a user sees it: by the text on screen, the attributes the
 * WXML bound, and taps and typing on named nodes.
 */
import simulate from 'miniprogram-simulate';
import { settle } from './wx';

type Rendered = ReturnType<typeof simulate.render>;
type Node = NonNullable<ReturnType<Rendered['querySelector']>>;

/** Renders a loaded component (with properties) and attaches it, as a page would. */
export function mount(id: string, properties?: Record<string, unknown>): Rendered {
  const comp = simulate.render(id, properties);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/** The node for a selector, failing the test with the selector's name when it is not rendered. */
export function node(comp: Rendered, selector: string): Node {
  const found = comp.querySelector(selector);
  if (!found) throw new Error(`${selector} is not rendered`);
  return found;
}

export function isShown(comp: Rendered, selector: string): boolean {
  return Boolean(comp.querySelector(selector));
}

/** The text a user reads inside a node. */
export function text(comp: Rendered, selector: string): string {
  return node(comp, selector).dom?.textContent ?? '';
}

/** The whole component's text, for "is this message on screen". */
export function screenText(comp: Rendered): string {
  return comp.dom?.textContent ?? '';
}

/** Collects the `detail` of every event of that name the component triggers (j-component has no typing for it). */
export function events<T>(comp: Rendered, name: string): T[] {
  const received: T[] = [];
  const target = comp as unknown as { addEventListener(name: string, handler: (e: { detail: T }) => void): void };
  target.addEventListener(name, (e) => received.push(e.detail));
  return received;
}

/** A bound attribute of a node (value, disabled, src, …) as the WXML set it; `device-position` works too. */
export function attr(comp: Rendered, selector: string, name: string): unknown {
  const camel = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()); // wcc camel-cases dashed names
  return node(comp, selector).toJSON().attrs.find((a) => a.name === camel)?.value;
}

/** Taps a node and lets the flow run. */
export async function tap(comp: Rendered, selector: string): Promise<void> {
  node(comp, selector).dispatchEvent('tap');
  await settle();
}

/** Types a whole value into an input, as the `input` event reports it. */
export async function type(comp: Rendered, selector: string, value: string): Promise<void> {
  node(comp, selector).dispatchEvent('input', { detail: { value } });
  await settle();
}
