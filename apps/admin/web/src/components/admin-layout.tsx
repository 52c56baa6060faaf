import { NavLink, Outlet } from "react-router";

import { signOut, useSession } from "../api/session";

const NAV = [
  { to: "/", label: "Overview", end: true },
  { to: "/people", label: "People" },
  { to: "/rules", label: "Mapping rules" },
  { to: "/settings", label: "Settings" },
  { to: "/audit", label: "Audit" },
  { to: "/admins", label: "Admins" },
];

/** Header, navigation and the page; the demo page appears only in the zero-config demo. */
export function AdminLayout() {
  const session = useSession().data;
  const nav = session?.demo ? [...NAV, { to: "/demo", label: "Demo" }] : NAV;
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/">
          Presence bridge
        </a>
        <nav aria-label="Main">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={"end" in item}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>{session?.user?.email ?? session?.user?.name}</span>
          <a href="/me">My sharing</a>
          <button type="button" className="link-button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </div>
  );
}
