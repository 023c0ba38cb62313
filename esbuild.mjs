// placeholder until the bundling step lands
