import type { ComponentChildren } from 'preact';

/**
 * A wide table's box that scrolls sideways on a phone: a named region that takes the
 * keyboard focus, so that it can be scrolled without a mouse.
 */
export const ScrollRegion = ({ label, children }: { label: string; children: ComponentChildren }) => (
  <section class="table-scroll" aria-label={label} tabindex={0}>
    {children}
  </section>
);
