import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { OfficeContact } from '../components/office-contact.tsx';

/** 依申请公开: how to apply to this agency now, while the online form is not yet open. */
export const Apply = ({ agency }: { agency: AgencyView }) => (
  <>
    <h1>向{agency.name}申请政府信息公开</h1>
    <p class="lead">
      除主动公开的信息外，公民、法人或者其他组织可以向本机关申请获取政府信息。申请前请先在“
      <a href={`/agencies/${agency.id}/disclosures`}>法定主动公开内容</a>”中查找，已公开的信息无需申请。
    </p>
    <h2>如何申请</h2>
    <ol>
      <li>
        阅读本机关的<a href={`/agencies/${agency.id}/guide`}>政府信息公开指南</a>，了解申请需要写明的内容。
      </li>
      <li>以书面形式（当面、信函、传真或电子邮件）向下列政府信息公开工作机构提出申请。</li>
      <li>
        本机关不能当场答复的，自收到申请之日起 20 个工作日内答复；延长答复期限的，延长不超过 20 个工作日。
      </li>
    </ol>
    <div class="notice">
      本平台的网上申请表尚未开通；开通后可以在本页在线提交申请，并凭查询码跟踪办理进度。
    </div>
    <OfficeContact agencyName={agency.name} office={agency.office} heading="h2" />
  </>
);
