import { ScrollRegion } from '../components/scroll-region.tsx';

/** The two fee schedules of 国办函〔2020〕109号, as the guide prints them. */
const PER_APPLICATION = [
  ['10 件以下（含）', '免费'],
  ['11–30 件（含）的部分', '100 元/件'],
  ['31–40 件（含）的部分', '200 元/件'],
  ['41 件以上的部分', '每增加 10 件为一档，每档标准提高 100 元/件'],
] as const;

const PER_QUANTITY = [
  ['30 页以下（含）', '免费'],
  ['31–100 页（含）的部分', '10 元/页'],
  ['101–200 页（含）的部分', '20 元/页'],
  ['201 页以上的部分', '40 元/页'],
] as const;

const Schedule = ({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string;
  rows: readonly (readonly [string, string])[];
}) => (
  <ScrollRegion label={caption}>
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">收费标准</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([range, fee]) => (
          <tr key={range}>
            <td>{range}</td>
            <td>{fee}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollRegion>
);

export const FeeTables = () => (
  <>
    <Schedule
      caption="按件计收：同一申请人一个自然月内向本机关提出的申请件数"
      head="当月累计申请件数"
      rows={PER_APPLICATION}
    />
    <Schedule caption="按量计收：同一份申请所提供信息的页数" head="页数" rows={PER_QUANTITY} />
    <p class="muted">
      以电子数据形式提供的信息如何折算页数，以及收费的其他细节，以《政府信息公开信息处理费管理办法》的规定为准；本机关在收费通知中写明计费依据和金额。
    </p>
  </>
);
