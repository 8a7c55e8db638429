import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { REVIEW_PREFIX, ReviewPage } from './pages/Review.tsx';
import { setupI18n } from './i18n/index.ts';
import './styles.css';

void setupI18n().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {/* A client's review link needs no account: it never enters the signed-in app. */}
      {location.pathname.startsWith(REVIEW_PREFIX) ? <ReviewPage token={location.pathname.slice(REVIEW_PREFIX.length)} /> : <App />}
    </StrictMode>,
  );
});
