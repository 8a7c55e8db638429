import { useTranslation } from 'react-i18next';
import { ListSection } from '../components/ListSection.tsx';

export function ExperimentsPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="experiments-title">
      <h1 id="experiments-title">{t('experiments.title')}</h1>
      <p className="lead">{t('experiments.intro')}</p>
      <ListSection title={t('experiments.list')} path="/experiments" listKey="experiments" />
    </section>
  );
}
