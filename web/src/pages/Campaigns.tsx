import { useTranslation } from 'react-i18next';
import { ListSection } from '../components/ListSection.tsx';

export function CampaignsPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t('campaigns.title')}</h1>
      <p className="lead">{t('campaigns.intro')}</p>
      <ListSection title={t('campaigns.list')} path="/campaigns" listKey="campaigns" />
      <ListSection title={t('campaigns.roi')} path="/roi" listKey="campaigns" />
    </section>
  );
}
