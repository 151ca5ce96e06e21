import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { OfficeContact } from '../components/office-contact.tsx';
import { FeeTables } from './guide-fees.tsx';

interface Props {
  readonly agency: AgencyView;
  /** The agency above, to which complaints go (Art. 51); null for the top of the hierarchy. */
  readonly parentName: string | null;
  /** The date the agency's record last changed, 'YYYY-MM-DD'. */
  readonly updatedOn: string;
}

/**
 * 政府信息公开指南 (Art. 12), written from the agency's own record: its office, and how to
 * apply as Articles 27–33 of the 2019 Regulations and the fee measures (国办函〔2020〕109号) say.
 */
export const Guide = ({ agency, parentName, updatedOn }: Props) => {
  const o = agency.office;
  const office = o.name || `${agency.name}政府信息公开工作机构`;
  return (
    <article class="document">
      <h1>{agency.name}政府信息公开指南</h1>
      <p class="updated">根据本机关登记的信息生成，更新于 {updatedOn}。</p>
      <p>
        为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。申请获取政府信息前，请先阅读本指南，并在本机关的“法定主动公开内容”中查找：已经主动公开的信息可以直接查阅，无需申请。
      </p>

      <h2>一、政府信息公开工作机构</h2>
      <p>本机关政府信息公开工作的日常工作由{office}承担，负责受理、处理向本机关提出的政府信息公开申请。</p>
      <OfficeContact agencyName={agency.name} office={o} heading="h3" />

      <h2>二、主动公开</h2>
      <ol>
        <li>
          公开范围：本机关主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息，以及《条例》第二十条列举的十五类信息（
          <a href={`/agencies/${agency.id}/disclosures`}>法定主动公开内容</a>）。
        </li>
        <li>
          公开方式：通过本平台的政府信息公开专栏发布，并根据需要通过政府公报、新闻发布会以及报刊、广播、电视等途径公开；在国家档案馆、公共图书馆和政务服务场所设置的政府信息查阅场所可以查阅（《条例》第二十三条、第二十五条）。
        </li>
        <li>
          公开时限：属于主动公开范围的政府信息，自该信息形成或者变更之日起 20
          个工作日内公开（《条例》第二十六条）。
        </li>
      </ol>

      <h2>三、依申请公开</h2>
      <h3>（一）申请人与受理机关（第二十七条、第二十八条）</h3>
      <p>
        除本机关主动公开的政府信息外，公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请由{office}
        统一受理。
      </p>
      <h3>（二）申请方式（第二十九条）</h3>
      <p>
        申请应当采用包括信件、数据电文在内的书面形式；采用书面形式确有困难的，可以口头提出，由{office}
        代为填写政府信息公开申请，并由申请人确认。
      </p>
      <ol>
        <li>
          当面申请：在办公时间{o.hours ? `（${o.hours}）` : ''}到{o.address || '本机关政府信息公开工作机构'}
          填写申请表。
        </li>
        <li>
          信函申请：寄至{o.address || '本机关政府信息公开工作机构'}
          {o.postcode ? `（邮编 ${o.postcode}）` : ''}，并在信封上注明“政府信息公开申请”字样。
        </li>
        {o.fax ? <li>传真申请：发送至 {o.fax}，并注明“政府信息公开申请”字样。</li> : null}
        {o.email ? <li>电子邮件申请：发送至 {o.email}，邮件主题注明“政府信息公开申请”。</li> : null}
        <li>
          网上申请：本平台的网上申请表开通后，可以在“<a href={`/agencies/${agency.id}/apply`}>依申请公开</a>
          ”栏目在线提交。
        </li>
      </ol>
      <h3>（三）申请内容（第二十九条）</h3>
      <ol>
        <li>申请人的姓名或者名称、身份证明、联系方式；</li>
        <li>申请公开的政府信息的名称、文号或者便于本机关查询的其他特征性描述；</li>
        <li>申请公开的政府信息的形式要求，包括获取信息的方式、途径（纸质、电子或查阅）。</li>
      </ol>
      <h3>（四）补正（第三十条）</h3>
      <p>
        申请内容不明确的，本机关自收到申请之日起 7
        个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自本机关收到补正的申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该申请。
      </p>
      <h3>（五）收到申请的日期（第三十一条）</h3>
      <ul>
        <li>当面提交的，以提交之日为收到申请之日；</li>
        <li>以邮寄方式提交的，以本机关签收之日为收到申请之日；</li>
        <li>
          以平常信函等无需签收的邮寄方式提交的，{office}于收到申请的当日与申请人确认，确认之日为收到申请之日；
        </li>
        <li>通过互联网渠道或者{office}的传真提交的，以双方确认之日为收到申请之日。</li>
      </ul>
      <h3>（六）征求第三方意见（第三十二条）</h3>
      <p>
        公开会损害第三方合法权益的，本机关书面征求第三方的意见，第三方应当自收到征求意见书之日起 15
        个工作日内提出意见。征求意见所需时间不计算在答复期限内。
      </p>
      <h3>（七）答复期限（第三十三条）</h3>
      <p>
        能够当场答复的，当场答复；不能当场答复的，自收到申请之日起 <strong>20 个工作日</strong>
        内答复。需要延长答复期限的，经{office}负责人同意并告知申请人，延长的期限最长不超过 20
        个工作日。工作日按国务院公布的节假日安排计算：法定节假日不计，调休上班日计入。
      </p>

      <h2>四、收费（第四十二条）</h2>
      <p>
        本机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，本机关可以依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费，按件或者按量计收，二者择一：
      </p>
      <FeeTables />
      <p>
        需要收费的，本机关向申请人发出收费通知。申请人应当自收到通知之日起 20
        个工作日内缴纳，缴费期间不计算在答复期限内；逾期未缴纳的，视为放弃申请，本机关不再处理该申请。
      </p>

      <h2>五、监督和救济（第五十一条）</h2>
      <p>
        公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关
        {parentName ? `（${parentName}）` : ''}
        或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。
      </p>
    </article>
  );
};
