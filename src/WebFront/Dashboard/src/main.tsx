import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { sessionEnded } from "./api";
import { live } from "./live";
import { Login } from "./Login";
import { Overview } from "./Overview";
import { navigate, pages, usePage, type Page } from "./router";
import { currentUser, logout, type User } from "./session";
import "./styles.css";

const titles: Record<Page, string> = {
  overview: "Overview",
  torrents: "Torrents",
  tracker: "Tracker",
  settings: "Settings",
  security: "Security",
};

function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const page = usePage();

  useEffect(() => {
    currentUser().then(setUser);
    const ended = () => {
      void live.stop();
      setUser(null);
    };
    sessionEnded.addEventListener("ended", ended);
    return () => sessionEnded.removeEventListener("ended", ended);
  }, []);

  if (user === undefined) {
    return <main class="loading" aria-busy="true">Loading…</main>;
  }
  if (user === null) {
    return <Login onSignedIn={setUser} />;
  }
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Swarmgrid</span>
        <nav aria-label="Pages">
          {pages.map((p) => (
            <a href={p === "overview" ? "/" : `/${p}`} aria-current={p === page ? "page" : undefined}
              onClick={(e) => { e.preventDefault(); navigate(p); }}>{titles[p]}</a>
          ))}
        </nav>
        <span class="who">{user.username} · {user.role}</span>
        <button class="link" onClick={async () => { await logout(); await live.stop(); setUser(null); }}>Sign out</button>
      </header>
      <main class="content">
        {page === "overview" ? <Overview /> : <section><h1>{titles[page]}</h1><p>Coming with this face.</p></section>}
      </main>
    </div>
  );
}

render(<App />, document.getElementById("app")!);
