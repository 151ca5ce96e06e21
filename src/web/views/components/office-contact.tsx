import type { OfficeView } from '../../presenters/agency.presenter.ts';

interface Props {
  readonly agencyName: string;
  readonly office: OfficeView;
  readonly heading: 'h2' | 'h3';
}

/** The disclosure office's contact details, as the guide and every agency page give them. */
export const OfficeContact = ({ agencyName, office, heading: H }: Props) => (
  <section class="office-contact" aria-label="政府信息公开工作机构">
    <H>{agencyName}政府信息公开工作机构</H>
    <dl class="facts">
      <dt>机构名称</dt>
      <dd>{office.name || '（未登记）'}</dd>
      <dt>办公地址</dt>
      <dd>
        {office.address || '（未登记）'}
        {office.postcode ? `（邮编 ${office.postcode}）` : ''}
      </dd>
      <dt>办公时间</dt>
      <dd>{office.hours || '（未登记）'}</dd>
      <dt>联系电话</dt>
      <dd>
        {office.phone ? (
          <a href={`tel:${office.phone.replace(/[^\d+]/g, '')}`}>{office.phone}</a>
        ) : (
          '（未登记）'
        )}
      </dd>
      {office.fax ? (
        <>
          <dt>传真</dt>
          <dd>{office.fax}</dd>
        </>
      ) : null}
      {office.email ? (
        <>
          <dt>电子邮箱</dt>
          <dd>
            <a href={`mailto:${office.email}`}>{office.email}</a>
          </dd>
        </>
      ) : null}
    </dl>
  </section>
);

/** The same details on a few lines, for the footer of every page about the agency. */
export const OfficeFooter = ({ agencyName, office }: { agencyName: string; office: OfficeView }) => (
  <section class="office-footer" aria-label="政府信息公开工作机构联系方式">
    <p>
      <strong>{agencyName}政府信息公开工作机构</strong>
      {office.name ? `：${office.name}` : ''}
    </p>
    <p>
      {[
        office.address && `地址：${office.address}${office.postcode ? `（${office.postcode}）` : ''}`,
        office.phone && `电话：${office.phone}`,
        office.hours && `办公时间：${office.hours}`,
        office.email && `电子邮箱：${office.email}`,
      ]
        .filter(Boolean)
        .join('　') || '联系方式尚未登记。'}
    </p>
  </section>
);
