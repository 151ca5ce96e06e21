import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { OfficeContact } from '../components/office-contact.tsx';

/** 依申请公开: how to apply to this agency, online or in writing. */
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
      <li>
        <a href={`/agencies/${agency.id}/apply/online`}>在线提交申请</a>
        ，或以书面形式（当面、信函、传真或电子邮件）向下列政府信息公开工作机构提出申请。
      </li>
      <li>
        本机关不能当场答复的，自收到申请之日起 20 个工作日内答复；延长答复期限的，延长不超过 20 个工作日。
      </li>
    </ol>
    <p>
      <a class="button" href={`/agencies/${agency.id}/apply/online`}>
        在线申请
      </a>{' '}
      已提交的申请可凭申请编号和查询码<a href="/track">查询办理进度</a>。
    </p>
    <OfficeContact agencyName={agency.name} office={agency.office} heading="h2" />
  </>
);
