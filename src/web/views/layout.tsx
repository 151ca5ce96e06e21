import type { ComponentChildren } from 'preact';
import type { AgencySummary } from '../presenters/agency.presenter.ts';
import { Breadcrumbs, type Crumb } from './components/breadcrumbs.tsx';
import { OfficeFooter } from './components/office-contact.tsx';
import { SiteNav, type Viewer } from './components/site-nav.tsx';

export const SITE_NAME = '政府信息公开';

export interface LayoutProps {
  readonly title: string;
  readonly area: 'portal' | 'workbench';
  readonly viewer: Viewer | null;
  /** The agency the page is about: named in the header, its disclosure office in the footer. */
  readonly agency?: AgencySummary | undefined;
  readonly breadcrumbs?: readonly Crumb[] | undefined;
  readonly children: ComponentChildren;
}

/** Every page: skip link, header, navigation, breadcrumbs, one main landmark, footer. */
export const Layout = ({ title, area, viewer, agency, breadcrumbs, children }: LayoutProps) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} - ${agency ? `${agency.name} - ` : ''}${SITE_NAME}`}</title>
      <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/static/site.css" />
    </head>
    <body class={`area-${area}`}>
      <a class="skip-link" href="#main">
        跳到主要内容
      </a>
      <header class="site-header">
        <div class="wrap site-header__inner">
          <p class="site-title">
            <a href={area === 'workbench' ? '/workbench' : '/'}>
              <span class="site-name">{SITE_NAME}</span>
              {area === 'workbench' ? <span class="site-area">工作台</span> : null}
            </a>
            {agency ? <span class="site-agency">{agency.name}</span> : null}
          </p>
          <SiteNav area={area} viewer={viewer} />
        </div>
      </header>
      {breadcrumbs && breadcrumbs.length > 0 ? <Breadcrumbs items={breadcrumbs} /> : null}
      <main id="main" class="wrap site-main" tabindex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap">
          {agency?.office ? (
            <OfficeFooter agencyName={agency.name} office={agency.office} />
          ) : (
            <p>
              各机关政府信息公开工作机构的地址、办公时间和联系电话，见该机关的
              <a href="/agencies">政府信息公开指南</a>。
            </p>
          )}
          <p class="site-footer__law">
            依据《中华人民共和国政府信息公开条例》（2019 年修订）提供政府信息公开服务。
          </p>
        </div>
      </footer>
    </body>
  </html>
);
