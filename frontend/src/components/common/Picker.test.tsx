import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MultiPicker, Picker, type Choice } from "./Picker";

const MANY: Choice[] = Array.from({ length: 5000 }, (_, i) => ({ value: String(i), label: `node-${i}` }));

function Single({ initial = "" }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <Picker label="Target" choices={MANY} value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

const field = () => screen.getByRole("combobox", { name: "Target" });
const key = (k: string) => act(() => void fireEvent.keyDown(field(), { key: k }));

// jsdom lays nothing out: the list is given the height a browser would give it, so the virtualizer fills it.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 240 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", clientHeight);
});
afterEach(cleanup);

describe("Picker", () => {
  it("renders only the options in view of thousands", () => {
    render(<Single />);
    key("ArrowDown");
    expect(field().getAttribute("aria-expanded")).toBe("true");
    const options = screen.getAllByRole("option");
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThan(40);
    expect(options[0].getAttribute("aria-setsize")).toBe("5000");
  });

  it("filters as one types and chooses the active match with Enter", () => {
    render(<Single />);
    fireEvent.change(field(), { target: { value: "node-4999" } });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["node-4999"]);
    expect(field().getAttribute("aria-activedescendant")).toBe(screen.getByRole("option").id);
    key("Enter");
    expect(screen.getByTestId("value").textContent).toBe("4999");
    expect(field()).toHaveProperty("value", "node-4999");
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("moves with the arrow keys from the current choice, and Escape keeps the choice", () => {
    render(<Single initial="7" />);
    key("ArrowDown"); // opens on node-7
    key("ArrowDown");
    key("ArrowUp");
    key("ArrowUp");
    const active = document.getElementById(field().getAttribute("aria-activedescendant") ?? "");
    expect(active?.textContent).toBe("node-6");
    fireEvent.change(field(), { target: { value: "node-1" } });
    key("Escape");
    expect(field()).toHaveProperty("value", "node-7");
    expect(screen.getByTestId("value").textContent).toBe("7");
  });

  it("chooses with a click and says when nothing matches", () => {
    render(<Single />);
    fireEvent.change(field(), { target: { value: "node-12" } });
    fireEvent.click(screen.getAllByRole("option")[1]);
    expect(screen.getByTestId("value").textContent).toBe("120");
    fireEvent.change(field(), { target: { value: "nothing" } });
    expect(screen.queryAllByRole("option")).toEqual([]);
    expect(screen.getByText("No match")).toBeTruthy();
  });
});

describe("MultiPicker", () => {
  function Peers() {
    const [values, setValues] = useState<string[]>(["1"]);
    return <MultiPicker label="peers" choices={MANY.slice(0, 5)} values={values} onChange={setValues} />;
  }

  it("offers what was typed when it is no choice yet, for references made in any order", () => {
    function Later() {
      const [values, setValues] = useState<string[]>([]);
      return <MultiPicker label="peers" choices={MANY.slice(0, 5)} values={values} onChange={setValues} allowNew />;
    }
    render(<Later />);
    const input = screen.getByRole("combobox", { name: "peers" });
    fireEvent.change(input, { target: { value: "n9" } });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["n9 (not in the model yet)"]);
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["n9×"]);
  });

  it("adds choices not yet chosen and removes a chosen one", () => {
    render(<Peers />);
    const input = screen.getByRole("combobox", { name: "peers" });
    fireEvent.change(input, { target: { value: "node" } });
    expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual(["node-0", "node-2", "node-3", "node-4"]);
    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(screen.getByRole("list").textContent).toContain("node-2");
    expect(input).toHaveProperty("value", "");
    fireEvent.click(screen.getByRole("button", { name: "peers: remove 1" }));
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["node-2×"]);
  });
});
