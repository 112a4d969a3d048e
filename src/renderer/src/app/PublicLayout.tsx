import type { ReactNode } from 'react';

/** The protective marking, shown above everything on every screen. */
export function ClassificationBanner() {
  return (
    <section className="classification" aria-label="Protective marking">
      <p className="classification__text">OFFICIAL-SENSITIVE</p>
    </section>
  );
}

export function AppName() {
  return <span className="app-header__name">HSB Workbench</span>;
}

/** The frame for screens shown before anyone is signed in: setup and sign-in. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="app-header">
        <div className="width-container app-header__inner">
          <AppName />
        </div>
      </header>
      <main className="width-container main main--narrow" id="main">
        {children}
      </main>
    </>
  );
}
