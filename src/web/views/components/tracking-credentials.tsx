/**
 * The tracking number and, the one time it exists in clear, the secret code of an application.
 * `secretCode` is null when a resubmission found an application already taken.
 */
export const TrackingCredentials = ({
  trackingNumber,
  secretCode,
}: {
  trackingNumber: string;
  secretCode: string | null;
}) => (
  <dl class="facts">
    <dt>申请编号</dt>
    <dd>
      <code>{trackingNumber}</code>
    </dd>
    {secretCode ? (
      <>
        <dt>查询码</dt>
        <dd>
          <code class="secret">{secretCode}</code>
        </dd>
      </>
    ) : null}
  </dl>
);
