import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { FEEDBACK_PAGE_PREFIX, FeedbackPage } from './pages/Feedback.tsx';
import { REVIEW_PREFIX, ReviewPage } from './pages/Review.tsx';
import { setupI18n } from './i18n/index.ts';
import './styles.css';

void setupI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {/* A client's review link and the audience's feedback link need no account: they never enter the signed-in app. */}
      {location.pathname.startsWith(REVIEW_PREFIX) ? (
        <ReviewPage token={location.pathname.slice(REVIEW_PREFIX.length)} />
      ) : location.pathname.startsWith(FEEDBACK_PAGE_PREFIX) ? (
        <FeedbackPage token={decodeURIComponent(location.pathname.slice(FEEDBACK_PAGE_PREFIX.length))} />
      ) : (
        <App />
      )}
    </StrictMode>,
  );
});
