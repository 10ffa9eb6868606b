import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { sessionEnded } from "./api";
import { live } from "./live";
import { Login } from "./Login";
import { Overview } from "./Overview";
import { navigate, pages, usePage, type Page } from "./router";
import { atLeast, currentUser, logout, type User } from "./session";
import { Security } from "./Security";
import { Settings } from "./Settings";
import { applyTheme, effectiveTheme, storedTheme } from "./theme";
import { Torrents } from "./Torrents";
import { Tracker } from "./Tracker";
import "./styles.css";

const titles: Record<Page, string> = {
  overview: "Overview",
  torrents: "Torrents",
  tracker: "Tracker",
  settings: "Settings",
  security: "Security",
};

applyTheme(storedTheme());

function ThemeToggle() {
  const [theme, setTheme] = useState(effectiveTheme());
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button class="link" aria-label={`Switch to the ${next} theme`} onClick={() => { applyTheme(next); setTheme(next); }}>
      {theme === "dark" ? "☀ Light" : "☾ Dark"}
    </button>
  );
}

function Content({ page, user }: { page: Page; user: User }) {
  const canWrite = atLeast(user.role, "operator");
  switch (page) {
    case "overview":
      return <Overview />;
    case "torrents":
      return <Torrents canWrite={canWrite} />;
    case "tracker":
      return <Tracker canWrite={canWrite} isAdmin={atLeast(user.role, "admin")} />;
    case "settings":
      return <Settings canWrite={canWrite} />;
    case "security":
      return <Security user={user} isAdmin={atLeast(user.role, "admin")} />;
  }
}

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
        <span class="who" data-role={user.role}>{user.username} · {user.role}</span>
        <ThemeToggle />
        <button class="link" onClick={async () => { await logout(); await live.stop(); setUser(null); }}>Sign out</button>
      </header>
      <main class="content">
        <Content page={page} user={user} />
      </main>
    </div>
  );
}

render(<App />, document.getElementById("app")!);
