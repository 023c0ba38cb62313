import Link from "next/link";
import type { ReactNode } from "react";
import type { Product } from "../lib/api";

export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/">Northwind Coffee</Link>
      <nav>
        <Link href="/orders">My orders</Link>
        <Link href="/checkout">Cart</Link>
      </nav>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>© Northwind Coffee Roasters</p>
    </footer>
  );
}

export function Price({ cents }: { cents: number }) {
  return <span className="price">{(cents / 100).toFixed(2)} €</span>;
}

export function Badge({ children }: { children: ReactNode }) {
  return <span className="badge">{children}</span>;
}

export function ProductCard({ product }: { product: Product }) {
  return (
    <article className="card">
      <img src={product.imageUrl} alt={product.name} />
      <h2>{product.name}</h2>
      {product.isNew ? <Badge>New</Badge> : null}
      <Price cents={product.priceCents} />
      <AddToCartButton productId={product.id} />
    </article>
  );
}

export function AddToCartButton({ productId }: { productId: string }) {
  return (
    <button
      type="button"
      onClick={async () => {
        await fetch("/api/cart", { method: "POST", body: JSON.stringify({ productId }) });
      }}
    >
      Add to cart
    </button>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

export function Spinner() {
  return <div className="spinner" role="status" aria-label="Loading" />;
}

export function ErrorNotice({ message }: { message: string }) {
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
