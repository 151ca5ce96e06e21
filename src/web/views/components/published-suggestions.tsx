import type { SuggestedItem } from '../../../disclosure/suggest-items.ts';
import { itemHref } from '../../presenters/disclosure-item.presenter.ts';

/**
 * Published items that may already hold what an application asks for (Art. 36(1): the reply
 * then tells where to find it). Shown to the applicant after submitting and to the clerk on the
 * application's page.
 */
export const PublishedSuggestions = ({
  items,
  heading,
  lead,
}: {
  items: readonly SuggestedItem[];
  heading: string;
  lead: string;
}) =>
  items.length === 0 ? null : (
    <section aria-labelledby="published-suggestions">
      <h2 id="published-suggestions">{heading}</h2>
      <p class="muted">{lead}</p>
      <ul class="link-list">
        {items.map((item) => (
          <li key={item.id}>
            <a href={itemHref(item.agencyId, item.id)}>{item.title}</a>
            {item.documentNumber ? `（${item.documentNumber}）` : ''}
            {item.publishedOn ? ` ${item.agencyName} ${item.publishedOn} 公开` : ` ${item.agencyName}`}
          </li>
        ))}
      </ul>
    </section>
  );
