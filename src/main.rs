//! Entry point: mounts the playground (wasm32 only; natively there is nothing to run).

fn main() {
    #[cfg(target_arch = "wasm32")]
    async_playground::ui::start();
}
