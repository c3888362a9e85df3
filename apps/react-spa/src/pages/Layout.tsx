import { NavLink, Outlet } from 'react-router';
import { buildEnv } from '../config.ts';

export function Layout() {
  return (
    <div className="page">
      <header>
        <span className="brand">react-spa</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Items
          </NavLink>
          <NavLink to="/about">About</NavLink>
        </nav>
      </header>
      <main>
        <Outlet />
      </main>
      <footer>
        Built for <span data-testid="build-env">{buildEnv}</span>
      </footer>
    </div>
  );
}
