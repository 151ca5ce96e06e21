import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout, type LayoutProps } from './layout.tsx';

/** A whole HTML document. Preact escapes every text and attribute value it prints. */
export const renderPage = (props: Omit<LayoutProps, 'children'>, body: ComponentChildren): string =>
  `<!doctype html>${renderToString(<Layout {...props}>{body}</Layout>)}`;
