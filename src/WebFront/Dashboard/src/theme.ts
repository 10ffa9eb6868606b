// Dark or light: the system's preference unless the user picked one, kept in localStorage as a data-theme attribute.

export type Theme = "dark" | "light";

const key = "swarmgrid.theme";

export function storedTheme(): Theme | null {
  const value = localStorage.getItem(key);
  return value === "dark" || value === "light" ? value : null;
}

export function effectiveTheme(): Theme {
  return storedTheme() ?? (matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark");
}

export function applyTheme(theme: Theme | null): void {
  if (theme) {
    localStorage.setItem(key, theme);
    document.documentElement.dataset.theme = theme;
  } else {
    localStorage.removeItem(key);
    delete document.documentElement.dataset.theme;
  }
}
