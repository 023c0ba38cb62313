import { ProductCard } from "../components/ui";
import { listProducts } from "../lib/api";

export default async function HomePage() {
  const products = await listProducts();
  return (
    <section>
      <h1>This week's roasts</h1>
      <div className="grid">
        {products.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </div>
    </section>
  );
}
