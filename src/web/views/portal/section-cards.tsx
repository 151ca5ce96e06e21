import { DISCLOSURE_SECTIONS } from './sections.ts';

/** The five entries of one agency's disclosure column, as cards of links. */
export const SectionCards = ({ agencyId, heading }: { agencyId: number; heading: 'h2' | 'h3' }) => {
  const H = heading;
  return (
    <ul class="cards">
      {DISCLOSURE_SECTIONS.map((s) => (
        <li class="card" key={s.slug}>
          <H>
            <a href={`/agencies/${agencyId}/${s.slug}`}>{s.title}</a>
          </H>
          <p>{s.summary}</p>
        </li>
      ))}
    </ul>
  );
};
