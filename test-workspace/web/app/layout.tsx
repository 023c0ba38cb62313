import type { ReactNode } from "react";
import { SiteFooter, SiteHeader } from "../components/ui";

export const metadata = { title: "Northwind Coffee", description: "Fresh roasted beans, shipped weekly." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <main>{children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}
