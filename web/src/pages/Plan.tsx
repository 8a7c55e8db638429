import { useTranslation } from 'react-i18next';
import { ListSection } from '../components/ListSection.tsx';

export function PlanPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">{t('plan.title')}</h1>
      <p className="lead">{t('plan.intro')}</p>
      <ListSection title={t('plan.goal')} path="/plan" listKey="goals" />
      <div className="grid-2">
        <ListSection title={t('plan.team')} path="/plan/team" listKey="team" />
        <ListSection title={t('plan.personas')} path="/plan/personas" listKey="personas" />
      </div>
      <ListSection title={t('plan.kpis')} path="/plan/kpis" listKey="kpis" />
      <div className="grid-2">
        <ListSection title={t('plan.calendar')} path="/plan/calendar" listKey="items" />
        <ListSection title={t('plan.tasks')} path="/plan/tasks" listKey="tasks" />
      </div>
    </section>
  );
}
