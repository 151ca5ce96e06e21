interface Props {
  readonly status: number;
  readonly title: string;
  readonly message: string;
  /** Problems with single fields, when the error names them. */
  readonly details?: readonly { field?: string | undefined; message: string }[] | undefined;
}

const hint = (status: number) => {
  if (status === 404) return '请检查网址是否输入正确，或从首页重新进入。';
  if (status === 403) return '如需办理此事项，请联系本机关的系统管理员。';
  if (status === 429) return '请稍候片刻再试。';
  if (status >= 500)
    return '系统暂时无法完成您的请求，请稍后再试；问题持续时请联系本机关的政府信息公开工作机构。';
  return '请返回上一页修改后重新提交。';
};

/** The one page people see for any error: what happened and what to do, never a stack. */
export const ErrorPage = ({ status, title, message, details }: Props) => (
  <article class="error-page">
    <h1>{title}</h1>
    {message !== title ? <p class="lead">{message}</p> : null}
    {details && details.length > 0 ? (
      <ul class="error-list">
        {details.map((d) => (
          <li key={`${d.field ?? ''}${d.message}`}>{d.message}</li>
        ))}
      </ul>
    ) : null}
    <p>{hint(status)}</p>
    <p class="error-page__code">错误代码：{status}</p>
    <ul class="link-list">
      <li>
        <a href="/">返回政府信息公开首页</a>
      </li>
      <li>
        <a href="/agencies">查看公开机关列表</a>
      </li>
    </ul>
  </article>
);
