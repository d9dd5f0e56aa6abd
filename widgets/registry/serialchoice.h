#pragma once

// Sends one choice at a time. A choice made while the previous one is still on its way waits, and
// only the newest waiting choice is sent when the answer comes. Without this, quick successive
// choices (arrow keys on a compatibility combo) are separate requests that race, and the registry
// may end at an older choice than the one shown.

#include <functional>
#include <optional>
#include <utility>

namespace Samsa {

template<typename Choice>
class SerialChoice {
public:
    // send(choice, finished): starts the request; it must call finished() once it is answered.
    using Send = std::function<void(const Choice& choice, std::function<void()> finished)>;

    explicit SerialChoice(Send send)
        : m_send(std::move(send))
    {
    }

    void choose(const Choice& choice)
    {
        if (m_busy) {
            m_waiting = choice;
            return;
        }
        m_busy = true;
        m_send(choice, [this] {
            m_busy = false;
            if (m_waiting)
                choose(*std::exchange(m_waiting, std::nullopt));
        });
    }

private:
    Send m_send;
    bool m_busy = false;
    std::optional<Choice> m_waiting;
};

} // namespace Samsa
