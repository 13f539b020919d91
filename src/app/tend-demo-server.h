// The bundled CRM simulator, run on a loopback port to fill the demo workspace.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TEND_DEMO_TOKEN "demo-token"

#define TEND_TYPE_DEMO_SERVER (tend_demo_server_get_type ())
G_DECLARE_FINAL_TYPE (TendDemoServer, tend_demo_server, TEND, DEMO_SERVER, GObject)

char           *tend_demo_server_find_program (GError              **error);
void            tend_demo_server_start_async  (GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
TendDemoServer *tend_demo_server_start_finish (GAsyncResult         *result,
                                               GError              **error);
const char     *tend_demo_server_get_base_url (TendDemoServer       *self);
void            tend_demo_server_stop         (TendDemoServer       *self);

G_END_DECLS
