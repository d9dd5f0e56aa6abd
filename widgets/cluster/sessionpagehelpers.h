#pragma once

// Small pieces the cluster pages share.

class QLabel;

namespace Samsa {

class ClusterSession;
class MessageBar;

// Whether the session has received metadata at least once.
bool hasMetadata(const ClusterSession& session);
// Shows a failed or lost connection in the page's message strip; leaves other messages alone.
void showSessionState(const ClusterSession& session, MessageBar* message);
// Draws a count that needs attention (under-replicated, offline) in bold red.
void markAttention(QLabel* label, bool attention);

} // namespace Samsa
