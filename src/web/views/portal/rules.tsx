import type { AgencyView } from '../../presenters/agency.presenter.ts';

/** 政府信息公开制度: the agency's own rules for its disclosure work; none published yet. */
export const Rules = ({ agency }: { agency: AgencyView }) => (
  <>
    <h1>{agency.name}政府信息公开制度</h1>
    <p class="lead">
      本栏目发布本机关政府信息公开工作的规章制度，如主动公开、依申请公开办理、保密审查、信息发布协调和工作考核等制度。
    </p>
    <h2>本机关发布的制度</h2>
    <div class="empty-state">
      <p class="empty-state__title">暂无已发布的制度</p>
      <p>本机关尚未在本平台发布政府信息公开工作制度。制度发布后将按发布日期列在这里。</p>
    </div>
    <h2>上位法依据</h2>
    <ul class="link-list">
      <li>《中华人民共和国政府信息公开条例》（国务院令第 711 号，2019 年 5 月 15 日起施行）</li>
      <li>《政府信息公开信息处理费管理办法》（国办函〔2020〕109号，2021 年 1 月 1 日起施行）</li>
    </ul>
  </>
);
