// The route table, shared by the browser (createBrowserRouter in main.tsx) and the tests
// (createMemoryRouter). Deep links such as /about reach the app because the production server
// answers every path that is not a file with index.html.
import type { RouteObject } from 'react-router';
import { Layout } from './pages/Layout.tsx';
import { ItemsPage } from './pages/ItemsPage.tsx';
import { AboutPage } from './pages/AboutPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <ItemsPage /> },
      { path: 'about', element: <AboutPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
