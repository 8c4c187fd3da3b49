"""The workspace in each language (the browser journey runs in English only)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

EXPECTED = {
    "es": ("Tus organizaciones", "Enviar la invitación", "Cerrar"),
    "pt": ("Suas organizações", "Enviar o convite", "Encerrar"),
    "ht": ("Òganizasyon ou yo", "Voye envitasyon an", "Fèmen"),
    "zh-hans": ("您的组织", "发送邀请", "结束"),
    "vi": ("Các tổ chức của bạn", "Gửi lời mời", "Đóng"),
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_workspace_pages_speak_the_organizers_language(client, world, language):
    home, invite, close = EXPECTED[language]
    client.force_login(world.orgs["alpha"].users["owner"])
    client.cookies["django_language"] = language
    assert home in client.get("/organize/").text
    assert invite in client.get("/organize/alpha/members/").text
    page = client.get(f"/organize/alpha/c/{world.orgs['alpha'].campaign.slug}/").text
    assert f'lang="{language}"' in page and f">{close}</button>" in page
